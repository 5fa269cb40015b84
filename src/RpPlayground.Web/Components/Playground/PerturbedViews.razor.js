// Draws x from the image, and x_pt and x_rpt as the method made them (RGB bytes of the model's square input, shrunk),
// stretched back to the picture's shape as the map is (see fit). A canvas that has left the page is skipped: a draw
// may arrive after its component was removed.
import { fit, loadImage } from "./MaskCanvas.razor.js";

function paint(canvas, picture) {
    if (!canvas || !canvas.isConnected) return;
    const context = canvas.getContext("2d");
    if (!picture) {
        context.clearRect(0, 0, canvas.width, canvas.height);
        return;
    }
    const source = document.createElement("canvas");
    source.width = picture.width;
    source.height = picture.height;
    const data = source.getContext("2d").createImageData(picture.width, picture.height);
    for (let i = 0, j = 0; i < picture.width * picture.height; i++, j += 3) {
        data.data[4 * i] = picture.pixels[j];
        data.data[4 * i + 1] = picture.pixels[j + 1];
        data.data[4 * i + 2] = picture.pixels[j + 2];
        data.data[4 * i + 3] = 255;
    }
    source.getContext("2d").putImageData(data, 0, 0);
    context.imageSmoothingEnabled = true;
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
}

export async function draw(original, perturbed, reversed, url, pictures) {
    const image = await loadImage(url);
    if (!image || !original || !original.isConnected) return;
    for (const canvas of [original, perturbed, reversed]) if (canvas && canvas.isConnected) fit(canvas, image);
    original.getContext("2d").drawImage(image, 0, 0, original.width, original.height);
    paint(perturbed, pictures && pictures.perturbed);
    paint(reversed, pictures && pictures.reversed);
}
