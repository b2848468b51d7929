#include "ex07/manifold.hpp"

#include <cmath>
#include <cstddef>
#include <vector>

#include "ex07/images.hpp"
#include "vae/analysis/pca.hpp"
#include "vae/format.hpp"

namespace vae::mnist {

ManifoldGrid manifold_grid(const analysis::Matrix& mu, int steps) {
    const std::vector<double> q = normal_quantile_grid(steps);
    analysis::Matrix plane(steps * steps, 2);
    for (int r = 0; r < steps; ++r)
        for (int c = 0; c < steps; ++c)
            plane.row(r * steps + c) << q[std::size_t(c)], q[std::size_t(steps - 1 - r)];
    const std::string range = "N(0, 1) quantiles " + fixed(q.front(), 2) + " .. " + fixed(q.back(), 2);
    if (mu.cols() == 2) return {plane.cast<float>(), "z_1 across, z_2 up, on " + range};
    const analysis::Pca pca = analysis::fit_pca(mu, 2);
    // A component's standard deviation is the square root of its explained variance.
    for (int k = 0; k < 2; ++k) plane.col(k) *= std::sqrt(pca.explained_variance(k));
    return {pca.inverse_transform(plane).cast<float>(),
            "the plane of mu's first two principal components, " + range + " times their sd"};
}

}  // namespace vae::mnist
