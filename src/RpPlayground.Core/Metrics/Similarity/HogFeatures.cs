namespace RpPlayground.Core.Metrics.Similarity;

/// <summary>
/// Histograms of oriented gradients (Dalal and Triggs, 2005) as scikit-image's <c>hog</c> computes them by default,
/// which the sanity-check paper (Adebayo et al., 2018) used to compare maps: central-difference gradients (zero on the
/// border), unsigned orientations in 9 bins over [0°, 180°), the magnitude averaged per cell of 8x8 pixels, blocks of
/// 3x3 cells normalised by L2-Hys (L2, clipped at 0.2, L2 again).
/// </summary>
public static class HogFeatures
{
    public static double[] Compute(float[] image, int width, int height, int orientations = 9, int cellSize = 8, int blockCells = 3)
    {
        if (image.Length != width * height) throw new ArgumentException("The image must be width x height.");
        var cellsX = width / cellSize;
        var cellsY = height / cellSize;
        if (orientations < 1 || cellSize < 1 || blockCells < 1 || cellsX < blockCells || cellsY < blockCells)
            throw new ArgumentException($"A {width}x{height} image has too few {cellSize}-pixel cells for blocks of {blockCells}.");
        var cells = CellHistograms(image, width, height, orientations, cellSize, cellsX, cellsY);
        var features = new List<double>();
        var block = new double[blockCells * blockCells * orientations];
        for (var by = 0; by + blockCells <= cellsY; by++)
        {
            for (var bx = 0; bx + blockCells <= cellsX; bx++)
            {
                var k = 0;
                for (var cy = by; cy < by + blockCells; cy++)
                    for (var cx = bx; cx < bx + blockCells; cx++)
                        for (var o = 0; o < orientations; o++) block[k++] = cells[cy, cx, o];
                features.AddRange(L2Hys(block));
            }
        }
        return features.ToArray();
    }

    /// <summary>Pearson correlation of the two images' HOG features (the sanity checks' "HOG similarity").</summary>
    public static double Correlation(float[] a, float[] b, int width, int height, int blockCells = 3) =>
        Pearson(Compute(a, width, height, blockCells: blockCells), Compute(b, width, height, blockCells: blockCells));

    static double[,,] CellHistograms(float[] image, int width, int height, int orientations, int cellSize, int cellsX, int cellsY)
    {
        var cells = new double[cellsY, cellsX, orientations];
        var binWidth = 180.0 / orientations;
        for (var y = 0; y < cellsY * cellSize; y++)
        {
            for (var x = 0; x < cellsX * cellSize; x++)
            {
                var gy = y > 0 && y < height - 1 ? image[(y + 1) * width + x] - image[(y - 1) * width + x] : 0.0;
                var gx = x > 0 && x < width - 1 ? image[y * width + x + 1] - image[y * width + x - 1] : 0.0;
                var magnitude = Math.Sqrt(gx * gx + gy * gy);
                if (magnitude == 0) continue;
                var angle = Math.Atan2(gy, gx) * 180 / Math.PI;
                angle = ((angle % 180) + 180) % 180;
                var bin = Math.Min(orientations - 1, (int)(angle / binWidth));
                cells[y / cellSize, x / cellSize, bin] += magnitude / (cellSize * cellSize);
            }
        }
        return cells;
    }

    static double[] L2Hys(double[] block)
    {
        const double eps = 1e-5;
        var norm = Math.Sqrt(block.Sum(v => v * v) + eps * eps);
        var clipped = block.Select(v => Math.Min(v / norm, 0.2)).ToArray();
        var renorm = Math.Sqrt(clipped.Sum(v => v * v) + eps * eps);
        return clipped.Select(v => v / renorm).ToArray();
    }

    static double Pearson(double[] a, double[] b)
    {
        var ma = a.Average();
        var mb = b.Average();
        double sab = 0, saa = 0, sbb = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return saa == 0 || sbb == 0 ? 0 : sab / Math.Sqrt(saa * sbb);
    }
}
