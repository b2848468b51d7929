#pragma once
// Pictures and grids for exercise 7's plots: tiling images into one picture, the latent grid
// the decoder is drawn over, and histograms. Pure functions, so they can be tested.
#include <vector>

#include "vae/analysis/matrix.hpp"
#include "vae/data/idx.hpp"

namespace vae::mnist {

// Tiles images (one side x side image per row, pixels row by row) into one picture: image k
// goes to grid row k / cols and grid column k % cols, with `gap` pixels of value `background`
// between neighbours and none around the outside. A partial last row is left as background.
analysis::Matrix tile_images(const data::ImageMatrix& images, int side, int cols, int gap = 2,
                             double background = 1.0);

// The standard normal quantile Phi^-1(p) for p in (0, 1): the x with
// Phi(x) = erfc(-x / sqrt 2) / 2 = p, found by bisection to the last bit of a double (the
// lower half; the upper half by symmetry). Throws std::invalid_argument outside (0, 1).
double normal_quantile(double p);

// steps points that split N(0, 1) into equal-probability slices, one at the middle of each:
// Phi^-1((k + 0.5) / steps) for k = 0 .. steps-1. A grid on these values covers the prior's
// mass evenly, which is where a VAE's decoder has learnt something.
std::vector<double> normal_quantile_grid(int steps);

// Equal-width bins over [lo, hi): counts[b] holds the values in [lo + b w, lo + (b+1) w),
// w = (hi - lo) / bins; values outside [lo, hi) go to `outside`.
struct Histogram {
    double lo = 0, hi = 1;
    std::vector<long> counts;
    long outside = 0;
    long total = 0;  // every value, inside or not
    double width() const { return (hi - lo) / double(counts.size()); }
    double centre(int b) const { return lo + (b + 0.5) * width(); }
    // counts[b] / (total * width): integrates to the share of values inside [lo, hi).
    double density(int b) const;
};
Histogram histogram(const std::vector<double>& values, double lo, double hi, int bins);

// The N(0, 1) density at x.
double normal_density(double x);

}  // namespace vae::mnist
