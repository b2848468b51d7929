#include "ex07/latent.hpp"

#include "vae/analysis/pca.hpp"
#include "vae/format.hpp"
#include "vae/nn/evaluate.hpp"

namespace vae::mnist {

analysis::Matrix encode_means(const Model& model, const Images& images) {
    return analysis::to_matrix(nn::encode(model, images));
}

LatentPlane latent_plane(const analysis::Matrix& mu) {
    if (mu.cols() == 2) return {mu, "mu_1", "mu_2"};
    const analysis::Pca pca = analysis::fit_pca(mu, 2);
    const auto share = [&](int k) { return fixed(100.0 * pca.explained_variance_ratio(k), 0); };
    return {pca.transform(mu), "PC 1 of mu (" + share(0) + "% of its variance)",
            "PC 2 of mu (" + share(1) + "% of its variance)"};
}

}  // namespace vae::mnist
