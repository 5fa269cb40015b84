// Draws x, x_pt = m·x + (1 − m)·x_r and x_rpt = (1 − m)·x + m·x_r in the browser from the map (bytes of 1 − m).
// The substrate x_r is the image blurred by the canvas (a Gaussian of the model's sigma, scaled to the canvas) or a
// constant grey: a picture of what the network sees, without the optimisation's noise. The pictures keep the image's
// aspect ratio (see fit); the blur's sigma, set on the model's square input, is scaled by the mean of the two sides.
import { fit, loadImage } from "./MaskCanvas.razor.js";

function substrateOf(image, w, h, substrate) {
    const canvas = document.createElement("canvas");
    canvas.width = w;
    canvas.height = h;
    const context = canvas.getContext("2d");
    if (substrate.kind === "Constant") {
        const grey = Math.round(255 * substrate.value);
        context.fillStyle = `rgb(${grey}, ${grey}, ${grey})`;
        context.fillRect(0, 0, w, h);
    } else {
        context.filter = `blur(${substrate.sigma * Math.sqrt(w * h) / substrate.inputSize}px)`;
        context.drawImage(image, 0, 0, w, h);
    }
    return context.getImageData(0, 0, w, h).data;
}

export async function draw(original, perturbed, reversed, url, map, width, height, substrate) {
    const image = await loadImage(url);
    if (!image) return;
    for (const canvas of [original, perturbed, reversed]) fit(canvas, image);
    const w = original.width, h = original.height;
    const context = original.getContext("2d");
    context.drawImage(image, 0, 0, w, h);
    if (!map || width === 0) {
        perturbed.getContext("2d").clearRect(0, 0, w, h);
        reversed.getContext("2d").clearRect(0, 0, w, h);
        return;
    }
    const x = context.getImageData(0, 0, w, h).data;
    const r = substrateOf(image, w, h, substrate);
    const pt = perturbed.getContext("2d").createImageData(w, h);
    const rpt = reversed.getContext("2d").createImageData(w, h);
    for (let py = 0; py < h; py++) {
        const my = Math.min(height - 1, Math.floor(py * height / h));
        for (let px = 0; px < w; px++) {
            const m = 1 - map[my * width + Math.min(width - 1, Math.floor(px * width / w))] / 255;
            const i = 4 * (py * w + px);
            for (let c = 0; c < 3; c++) {
                pt.data[i + c] = m * x[i + c] + (1 - m) * r[i + c];
                rpt.data[i + c] = (1 - m) * x[i + c] + m * r[i + c];
            }
            pt.data[i + 3] = rpt.data[i + 3] = 255;
        }
    }
    perturbed.getContext("2d").putImageData(pt, 0, 0);
    reversed.getContext("2d").putImageData(rpt, 0, 0);
}
