// Draws the image as the deletion (or insertion) game sees it after a step: pixels whose step has come are replaced
// by black (deletion) or are the only ones shown over a blurred copy (insertion). steps: one 1-based step per pixel
// of the model's input grid (size x size), row-major.
import { loadImage } from "../Playground/MaskCanvas.razor.js";

export async function draw(canvas, url, steps, size, step, insertion, blurSigma) {
    const image = await loadImage(url);
    if (!image) return;
    const side = canvas.width;
    const context = canvas.getContext("2d");
    context.filter = "none";
    context.drawImage(image, 0, 0, side, side);
    const original = context.getImageData(0, 0, side, side);
    let substrate = null;
    if (insertion) {
        context.filter = `blur(${blurSigma * side / size}px)`;
        context.drawImage(image, 0, 0, side, side);
        context.filter = "none";
        substrate = context.getImageData(0, 0, side, side);
    }
    const out = context.createImageData(side, side);
    for (let y = 0; y < side; y++) {
        const gy = Math.min(size - 1, Math.floor(y * size / side));
        for (let x = 0; x < side; x++) {
            const changed = steps[gy * size + Math.min(size - 1, Math.floor(x * size / side))] <= step;
            const i = 4 * (y * side + x);
            const from = insertion ? (changed ? original : substrate) : (changed ? null : original);
            for (let c = 0; c < 3; c++) out.data[i + c] = from ? from.data[i + c] : 0;
            out.data[i + 3] = 255;
        }
    }
    context.putImageData(out, 0, 0);
}
