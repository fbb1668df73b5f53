// The colours of the classes' curves: Tableau 10, as the run colours, repeated past ten classes.
export const CLASS_COLOURS = ['#4e79a7', '#f28e2b', '#e15759', '#76b7b2', '#59a14f', '#edc948', '#b07aa1', '#ff9da7', '#9c755f', '#bab0ac'];

export const classColour = (c: number) => CLASS_COLOURS[c % CLASS_COLOURS.length];
