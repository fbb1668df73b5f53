// The English wording of every spec problem (and of every problem with a saved run), as i18next-style
// templates. The engine renders them itself (Node, logs, import errors); the UI hands the same codes and
// params to i18next, whose English text *is* this table (src/i18n/en.ts) and whose Chinese mirrors it key
// for key.

export const SPEC_MESSAGES_EN = {
  layer: 'layer {{n}}',
  layerTyped: 'layer {{n}} {{type}}',
  withLayer: '{{layer}}: {{problem}}',
  // Blocks: "block 3 inception, 5×5 branch: filters must be at least 1"
  block: 'block {{n}} {{type}}',
  withPart: '{{layer}}, {{part}}: {{problem}}',
  mainLayer: 'main path layer {{n}} {{type}}',
  mainLayerUntyped: 'main path layer {{n}}',
  shortcut: 'shortcut',
  blockOutput: 'output',
  branch1x1: '1×1 branch',
  branch3x3: '3×3 branch',
  branch5x5: '5×5 branch',
  branchPool: 'pool branch',
  mainPathType: 'a residual block\'s main path holds {{allowed}} layers, not {{value}}',
  mainPathEmpty: 'the main path needs at least one layer',
  mainPathTooLong: 'the main path can have at most {{max}} layers',
  identityMismatch:
    'the main path gives {{main}} but the identity shortcut passes {{input}} on — choose a 1×1 projection or zero padding for the shortcut, or keep the channels and size',
  shortcutSize:
    'the main path gives {{main}} but the shortcut gives {{shortcut}} — give the main path\'s convolutions padding "same", so that only their strides change the size',
  zeroPadFewer: 'zero padding can only add channels, but the main path has {{main}} and the input {{input}} — use a 1×1 projection',
  // Geometry (shape inference)
  needsImageFlat:
    'expects an image-shaped input (height×width×channels) but gets a flat input of {{size}} values — convolution and pooling layers must come before flatten',
  needsImage:
    'expects an image-shaped input (height×width×channels) but gets {{shape}} — convolution and pooling layers must come before flatten',
  kernelTooBig: '{{k}}×{{k}} kernel does not fit a {{h}}×{{w}} input — use a smaller kernel or padding "same"',
  poolTooBig: '{{p}}×{{p}} pool does not fit a {{h}}×{{w}} input — use a smaller pool size or remove this layer',
  needsFlat: 'expects a flat input but gets {{shape}} — add a flatten layer before it',
  // Layer orders tfjs cannot build or train (found by tests/unit/engine/analyzerProperty.test.ts)
  alreadyFlat: 'the input is already flat ({{size}} values) — remove this flatten layer',
  nothingToTrain: 'the model has no weights to train — add a conv2d or dense layer',
  // The model's output against the dataset
  outputNotFlat: 'the model ends with a {{shape}} output but must end with a flat list of class scores — add a flatten layer and a dense layer',
  outputNotFlatClasses:
    'the model ends with a {{shape}} output but must end with {{classes}} class scores — add a flatten layer and a dense layer with {{classes}} units',
  outputCount: 'the model ends with {{outputs}} but the dataset has {{classes}} — {{fix}}',
  outputs_one: '{{count}} output',
  outputs_other: '{{count}} outputs',
  classes_one: '{{count}} class',
  classes_other: '{{count}} classes',
  fixLastDense: 'make the last dense layer have {{classes}} units',
  fixAddDense: 'add a dense layer with {{classes}} units at the end',
  // Values the student typed
  missing: 'missing {{label}}',
  enterNumber: 'enter a number for {{label}}',
  atLeast: '{{label}} must be at least {{bound}}',
  greaterThan: '{{label}} must be greater than {{bound}}',
  atMost: '{{label}} must be at most {{bound}}',
  lessThan: '{{label}} must be less than {{bound}}',
  wholeNumber: '{{label}} must be a whole number, not {{value}}',
  wrongKind: '{{label}} must be a {{kind}}, not {{value}}',
  unknownValue: 'unknown {{label}} {{value}} (expected one of {{allowed}})',
  notAllowed: '{{label}} {{value}} is not allowed',
  missingType: 'missing layer type (expected one of {{allowed}})',
  unknownType: 'unknown layer type {{value}} (expected one of {{allowed}})',
  unknownTypeHint: 'unknown layer type {{value}} (expected one of {{allowed}}) — did you mean "{{hint}}"?',
  unknownFields_one: 'unknown field {{names}} (allowed: {{allowed}})',
  unknownFields_other: 'unknown fields {{names}} (allowed: {{allowed}})',
  layerNotObject: 'each layer must be an object with a "type" field, not {{value}}',
  specUnknownFields: 'the model spec has {{problem}}',
  specNotObject: 'the model spec must be an object with "inputShape" and "layers"',
  inputShapeList: 'the input shape must be a list of three numbers: [height, width, channels]',
  noLayers: 'a model needs at least one layer',
  tooManyLayers: 'a model can have at most {{max}} layers',
  layersList: '"layers" must be a list of layers',
  nameTooLong: 'the model name must be at most {{max}} characters',
  nameText: 'the model name must be text',
  invalidAt: 'the model spec has an invalid value at {{path}}',
  notJson: 'the file is not valid JSON ({{detail}})',
  // Words quoted inside the sentences above
  value_list: 'a list',
  value_object: 'an object',
  kind_number: 'number',
  kind_string: 'text',
  kind_boolean: 'true or false',
  field_filters: 'filters',
  field_kernelSize: 'kernel size',
  field_strides: 'stride',
  field_padding: 'padding',
  field_activation: 'activation',
  field_poolSize: 'pool size',
  field_units: 'units',
  field_rate: 'rate',
  field_shortcut: 'shortcut',
  field_depthRadius: 'depth radius',
  field_bias: 'bias',
  field_alpha: 'alpha',
  field_beta: 'beta',
  field_reduce: 'reduce filters',
  field_inputHeight: 'input height',
  field_inputWidth: 'input width',
  field_inputChannels: 'input channels',
  // Saved runs that cannot be read back from IndexedDB (src/state/recordProblems.ts); {{path}} is the field
  recordNotRun: 'the stored value is not a saved run',
  recordVersion: 'it was saved in format {{found}}, and this version of the app reads only format {{version}}',
  recordSpec: 'its model: {{problem}}',
  recordMissing: '{{path}} is missing',
  recordAtLeast: '{{path}} must be at least {{bound}}',
  recordGreaterThan: '{{path}} must be greater than {{bound}}',
  recordAtMost: '{{path}} must be at most {{bound}}',
  recordLessThan: '{{path}} must be less than {{bound}}',
  recordTooShort: '{{path}} is too short (at least {{bound}})',
  recordTooLong: '{{path}} is too long (at most {{bound}})',
  recordWholeNumber: '{{path}} must be a whole number, not {{value}}',
  recordExpected: '{{path}} must be {{kind}}, not {{value}}',
  recordNotNumber: '{{path}} must be a number, not {{value}}',
  recordUnknownValue: '{{path}} is {{value}}, which is not one of {{allowed}}',
  recordUnknownFields_one: '{{path}} has an unknown field {{names}}',
  recordUnknownFields_other: '{{path}} has unknown fields {{names}}',
  recordColour: '{{path}} must be a colour like #4e79a7, not {{value}}',
  recordLengths: 'its loss and accuracy lists have different lengths',
  recordInvalid: '{{path}} has an invalid value',
  recordList: '{{first}}; {{rest}}',
  recordMore_one: 'and {{count}} more problem',
  recordMore_other: 'and {{count}} more problems',
  recordType_number: 'a number',
  recordType_string: 'text',
  recordType_boolean: 'true or false',
  recordType_object: 'an object',
  recordType_array: 'a list',
} as const;

export type SpecMessageKey = keyof typeof SPEC_MESSAGES_EN;
/** A key without its plural suffix: the form callers name, with `count` choosing the suffix. */
export type SpecMessageCode = SpecMessageKey extends infer K ? (K extends `${infer B}_${'one' | 'other'}` ? B : K) : never;

export type TextParam = string | number | IssueText;
/** A sentence as data: a message code and its params, which may be sentences themselves. */
export interface IssueText {
  code: SpecMessageCode;
  params?: Record<string, TextParam>;
}

export const text = (code: SpecMessageCode, params?: Record<string, TextParam>): IssueText => (params ? { code, params } : { code });

/** Template lookup the way i18next does it: `count` picks the _one/_other form. */
export function templateKey(code: string, params: Record<string, unknown> | undefined, has: (key: string) => boolean): string {
  if (params && typeof params.count === 'number') {
    const plural = `${code}_${params.count === 1 ? 'one' : 'other'}`;
    if (has(plural)) return plural;
  }
  return code;
}

/** The English sentence, with nested texts rendered first. */
export function renderEnglish(t: IssueText): string {
  const table = SPEC_MESSAGES_EN as Record<string, string>;
  const template = table[templateKey(t.code, t.params, (k) => k in table)] ?? t.code;
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = t.params?.[name];
    if (value === undefined) return `{{${name}}}`;
    return typeof value === 'object' ? renderEnglish(value) : String(value);
  });
}
