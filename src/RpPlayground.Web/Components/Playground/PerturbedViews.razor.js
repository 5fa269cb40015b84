// Draws x, x_pt = m·x + (1 − m)·x_r and x_rpt = (1 − m)·x + m·x_r in the browser from the map (bytes of 1 − m).
// The substrate x_r is the image blurred by the canvas (a Gaussian of the model's sigma, scaled to the canvas) or a
// constant grey: a picture of what the network sees, without the optimisation's noise.
import { loadImage } from "./MaskCanvas.razor.js";

function substrateOf(image, size, substrate) {
    const canvas = document.createElement("canvas");
    canvas.width = canvas.height = size;
    const context = canvas.getContext("2d");
    if (substrate.kind === "Constant") {
        const grey = Math.round(255 * substrate.value);
        context.fillStyle = `rgb(${grey}, ${grey}, ${grey})`;
        context.fillRect(0, 0, size, size);
    } else {
        context.filter = `blur(${substrate.sigma * size / substrate.inputSize}px)`;
        context.drawImage(image, 0, 0, size, size);
    }
    return context.getImageData(0, 0, size, size).data;
}

export async function draw(original, perturbed, reversed, url, map, width, height, substrate) {
    const size = original.width;
    const image = await loadImage(url);
    if (!image) return;
    const context = original.getContext("2d");
    context.drawImage(image, 0, 0, size, size);
    if (!map || width === 0) {
        perturbed.getContext("2d").clearRect(0, 0, size, size);
        reversed.getContext("2d").clearRect(0, 0, size, size);
        return;
    }
    const x = context.getImageData(0, 0, size, size).data;
    const r = substrateOf(image, size, substrate);
    const pt = perturbed.getContext("2d").createImageData(size, size);
    const rpt = reversed.getContext("2d").createImageData(size, size);
    for (let py = 0; py < size; py++) {
        const my = Math.min(height - 1, Math.floor(py * height / size));
        for (let px = 0; px < size; px++) {
            const m = 1 - map[my * width + Math.min(width - 1, Math.floor(px * width / size))] / 255;
            const i = 4 * (py * size + px);
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
