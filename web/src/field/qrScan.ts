import jsQR from 'jsqr';

/**
 * Reads a warning post's QR code (空间码) from a photo: the phone's camera through a file input with
 * capture="environment", which works on every phone browser and needs no camera permission prompt of its own.
 * The photo is scaled to at most 1600 px on its long side before decoding (a 12-megapixel photo decodes slowly and
 * the code is large in the frame when someone aims at a post).
 */
const maxSide = 1600;

/** The spatial code a QR text names: the parcel page URL …/p/{code} that posts carry, or a bare code. */
export function spatialCodeOf(text: string): string | null {
  const fromUrl = /\/p\/([^/?#\s]+)/.exec(text);
  const candidate = fromUrl ? decodeURIComponent(fromUrl[1]!) : text.trim();
  return /^[0-9]{12}[0-9A-Z]{4,}(-\d+)?$/.test(candidate) ? candidate : null;
}

export async function decodeQr(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  const scale = Math.min(1, maxSide / Math.max(bitmap.width, bitmap.height));
  const width = Math.max(1, Math.round(bitmap.width * scale));
  const height = Math.max(1, Math.round(bitmap.height * scale));
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) return null;
  // A white margin behind transparent PNGs: jsQR reads transparent pixels as black.
  context.fillStyle = '#fff';
  context.fillRect(0, 0, width, height);
  context.drawImage(bitmap, 0, 0, width, height);
  bitmap.close();
  const pixels = context.getImageData(0, 0, width, height);
  return jsQR(pixels.data, width, height, { inversionAttempts: 'attemptBoth' })?.data ?? null;
}
