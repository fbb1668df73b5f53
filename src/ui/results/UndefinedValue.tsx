/**
 * How the views show a metric that is undefined (a division by zero, e.g. the precision of a class that is
 * never predicted): a dash, with the reason as its tooltip and as what a screen reader says.
 */
export function UndefinedValue({ reason }: { reason: string }) {
  return (
    <span className="undefined-value" title={reason} aria-label={reason} data-undefined="true">
      —
    </span>
  );
}
