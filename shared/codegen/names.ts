/**
 * Identifiers for generated code, made from what people typed: labels like "conv 7×7/2" or
 * "CONV1", block names like "Residual basic (projection)", document names like "LeNet-5".
 * Every generator names things through these, so the same label gives the same name.
 */

/** Python's keywords and the names generated modules use for themselves. */
export const PYTHON_RESERVED: ReadonlySet<string> = new Set([
  ...'False None True and as assert async await break class continue def del elif else except finally for from global if import in is lambda nonlocal not or pass raise return try while with yield'.split(' '),
  ...'self torch nn F tf keras layers np math print super len int float'.split(' '),
]);

/** Attributes of `nn.Module` that a layer named e.g. "train" would shadow. */
export const TORCH_MODULE_ATTRIBUTES: ReadonlySet<string> = new Set(
  'training forward train eval parameters named_parameters modules named_modules children named_children buffers state_dict load_state_dict apply cuda cpu to type float double half bfloat16 zero_grad add_module register_buffer register_parameter register_module get_submodule extra_repr requires_grad_ share_memory dump_patches call_super_init'.split(' '),
);

/** JavaScript's reserved words and what generated TypeScript uses itself. */
export const TS_RESERVED: ReadonlySet<string> = new Set([
  ...'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await arguments eval undefined NaN Infinity'.split(' '),
  ...'tf scoped buildModel'.split(' '),
]);

/** Words of a label, with "×" read as "x": `words('conv 7×7/2')` → ['conv', '7x7', '2']. */
function words(text: string, splitCamel = true): string[] {
  return text
    .replace(/×/g, 'x')
    .replace(/([a-z])([A-Z][a-z])/g, splitCamel ? '$1 $2' : '$1$2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean);
}

/**
 * A snake_case identifier: `snakeCase('conv 7×7/2')` → 'conv_7x7_2', `snakeCase('poolProj')` →
 * 'pool_proj', `snakeCase('CONV1')` → 'conv1'. A leading digit gets `prefix` ('1×1' → 'conv_1x1').
 */
export function snakeCase(text: string, prefix = 'layer', splitCamel = true): string {
  const name = words(text, splitCamel).join('_').toLowerCase();
  if (name === '') return prefix;
  return /^[0-9]/.test(name) ? `${prefix}_${name}` : name;
}

/** A camelCase identifier: `camelCase('conv 7×7/2')` → 'conv7x7_2', `camelCase('pool proj')` → 'poolProj'. */
export function camelCase(text: string, prefix = 'layer'): string {
  const parts = words(text).map((w) => w.toLowerCase());
  if (parts.length === 0) return prefix;
  // Digits on both sides of a word break stay apart: "7x7" and "2" must not read "7x72".
  const name = parts.map((w, i) => (i === 0 ? w : /[0-9]$/.test(parts[i - 1]!) && /^[0-9]/.test(w) ? `_${w}` : w[0]!.toUpperCase() + w.slice(1))).join('');
  return /^[0-9]/.test(name) ? `${prefix}${name[0]!.toUpperCase()}${name.slice(1)}` : name;
}

/**
 * A class name: `pascalCase('LeNet-5')` → 'LeNet5', `pascalCase('Residual basic (projection)')` →
 * 'ResidualBasicProjection'. Capitals inside a word are kept (GoogLeNet, VGG).
 */
export function pascalCase(text: string, prefix = 'Net'): string {
  const parts = text.replace(/×/g, ' ').split(/[^A-Za-z0-9]+/).filter(Boolean);
  const name = parts.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('');
  if (name === '') return prefix;
  return /^[0-9]/.test(name) ? `${prefix}${name}` : name;
}

/**
 * Hands out unique names: the wanted one when it is free, else `wanted_2`, `wanted_3`…
 * `const name = namer(PYTHON_RESERVED); name('relu')` → 'relu', then 'relu_2'.
 */
export function namer(reserved: ReadonlySet<string>, separator = '_'): (wanted: string) => string {
  const used = new Set<string>();
  // Per wanted name, the suffix to try next: names are never given back, so those before stay
  // taken, and the thousandth `relu` costs what the second did.
  const next = new Map<string, number>();
  return (wanted) => {
    let i = next.get(wanted) ?? 1;
    let name = i > 1 ? `${wanted}${separator}${i}` : reserved.has(wanted) ? `${wanted}${separator}` : wanted;
    while (used.has(name) || reserved.has(name)) name = `${wanted}${separator}${++i}`;
    next.set(wanted, i + 1);
    used.add(name);
    return name;
  };
}
