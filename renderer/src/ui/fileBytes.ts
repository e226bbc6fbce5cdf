/**
 * A chosen or dropped file's bytes as base64, the form the API carries files in (predict's
 * weights and photos, an imported .onnx model).
 */

/** A file's bytes as base64, without the data URL's prefix: `await fileBase64(file)`. */
export function fileBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result).replace(/^data:[^,]*,/, ''));
    reader.onerror = () => reject(reader.error ?? new Error('The file could not be read.'));
    reader.readAsDataURL(file);
  });
}
