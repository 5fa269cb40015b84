// Paints an image and, over it, an explanation map (bytes 0..255, row-major) in an "inferno"-like ramp, or in a
// high-contrast ramp (black, blue, yellow, white) for projectors.
const ramps = {
    inferno: [[0, 0, 0, 5], [64, 87, 15, 110], [128, 186, 54, 84], [191, 250, 140, 10], [255, 252, 255, 163]],
    contrast: [[0, 0, 0, 0], [85, 0, 70, 255], [170, 255, 215, 0], [255, 255, 255, 255]],
};
const images = new Map();

function colour(ramp, v) {
    for (let k = 1; k < ramp.length; k++) {
        if (v <= ramp[k][0]) {
            const t = (v - ramp[k - 1][0]) / (ramp[k][0] - ramp[k - 1][0]);
            return [1, 2, 3].map(c => ramp[k - 1][c] + t * (ramp[k][c] - ramp[k - 1][c]));
        }
    }
    return ramp[ramp.length - 1].slice(1);
}

// The image at url, loaded once; null when it cannot be loaded (an unknown id in a link), so callers draw nothing
// instead of failing the page.
export function loadImage(url) {
    if (!images.has(url)) {
        images.set(url, new Promise(resolve => {
            const image = new Image();
            image.onload = () => resolve(image);
            image.onerror = () => {
                images.delete(url);
                resolve(null);
            };
            image.src = url;
        }));
    }
    return images.get(url);
}

// Shapes the canvas like the picture: its longer side is the component's side (data-side), the other follows the
// picture's aspect ratio. The model sees the whole picture squeezed to its square input; people see it as it is, and
// the map (computed on the square) is stretched back with it.
export function fit(canvas, image) {
    const side = Number(canvas.dataset.side) || Math.max(canvas.width, canvas.height);
    const w = image.naturalWidth >= image.naturalHeight ? side : Math.max(1, Math.round(side * image.naturalWidth / image.naturalHeight));
    const h = image.naturalWidth >= image.naturalHeight ? Math.max(1, Math.round(side * image.naturalHeight / image.naturalWidth)) : side;
    if (canvas.width !== w) canvas.width = w;  // setting a side clears the canvas: only when it changes
    if (canvas.height !== h) canvas.height = h;
}

export async function draw(canvas, url, map, width, height, opacity, palette, producedAt) {
    const ramp = ramps[palette] || ramps.inferno;
    const context = canvas.getContext("2d");
    const image = await loadImage(url);
    if (!image) return;
    fit(canvas, image);
    context.imageSmoothingEnabled = true;
    context.drawImage(image, 0, 0, canvas.width, canvas.height);
    if (!map || width === 0) return;
    const grid = document.createElement("canvas");
    grid.width = width;
    grid.height = height;
    const cells = grid.getContext("2d").createImageData(width, height);
    for (let i = 0; i < width * height; i++) {
        const [r, g, b] = colour(ramp, map[i]);
        cells.data.set([r, g, b, 255], 4 * i);
    }
    grid.getContext("2d").putImageData(cells, 0, 0);
    context.globalAlpha = opacity;
    context.drawImage(grid, 0, 0, canvas.width, canvas.height);
    context.globalAlpha = 1;
    canvas.dataset.frames = String(Number(canvas.dataset.frames || 0) + 1);
    if (producedAt) {
        // on screen at the next animation frame: tell whoever listens (the latency benchmark) when the frame left the server
        requestAnimationFrame(() => canvas.dispatchEvent(new CustomEvent("rp-frame-painted", { bubbles: true, detail: { producedAt } })));
    }
}
