#include "ex06/generation.hpp"

#include <stdexcept>
#include <string>

#include "vae/analysis/correlation.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/rng.hpp"

namespace vae::tabular {
namespace {

RowMatrix standard_normal(Eigen::Index rows, Eigen::Index cols, Rng& rng) {
    RowMatrix m(rows, cols);
    for (Eigen::Index i = 0; i < rows; ++i)
        for (Eigen::Index j = 0; j < cols; ++j) m(i, j) = rng.normal();
    return m;
}

// sqrt(mean_i (x_ij - mean_j)^2) of each column.
Eigen::RowVectorXd population_sd(const RowMatrix& x) {
    const RowMatrix centred = x.rowwise() - x.colwise().mean();
    return (centred.colwise().squaredNorm() / static_cast<double>(x.rows())).cwiseSqrt();
}

}  // namespace

RowMatrix generate_rows(const nn::Model<double>& model, const Scaling& scaling, const Decoder& decoder,
                        int count, std::uint64_t seed) {
    if (count < 1) throw std::invalid_argument("generate_rows: count must be at least 1");
    Rng rng(seed, Stream::Sample);
    const RowMatrix z = standard_normal(count, model.latent_dim(), rng);
    RowMatrix y = nn::decode(model, z);  // the mean: logits (Gaussian) or sigmoid(logits)
    if (decoder.likelihood == nn::Likelihood::Gaussian)
        y += decoder.sigma * standard_normal(count, model.input_dim(), rng);
    return scaling.inverse(y);
}

RowComparison compare_rows(const RowMatrix& real, const RowMatrix& generated) {
    if (real.cols() != generated.cols())
        throw std::invalid_argument("compare_rows: " + std::to_string(real.cols()) + " real and " +
                                    std::to_string(generated.cols()) + " generated columns");
    if (real.rows() < 2 || generated.rows() < 2)
        throw std::invalid_argument("compare_rows: need at least 2 rows on each side");
    const Eigen::RowVectorXd real_sd = population_sd(real);
    if ((real_sd.array() == 0.0).any())
        throw std::invalid_argument("compare_rows: a real column is constant, so it has no sd to compare in");

    RowComparison c;
    c.mean_shift = (generated.colwise().mean() - real.colwise().mean()).array() / real_sd.array();
    c.sd_ratio = population_sd(generated).array() / real_sd.array();
    c.real_correlation = analysis::correlation_matrix(real, real);
    c.generated_correlation = analysis::correlation_matrix(generated, generated);
    c.max_abs_mean_shift = c.mean_shift.cwiseAbs().maxCoeff();
    c.min_sd_ratio = c.sd_ratio.minCoeff();
    c.max_sd_ratio = c.sd_ratio.maxCoeff();
    c.max_abs_correlation_difference = (c.generated_correlation - c.real_correlation).cwiseAbs().maxCoeff();
    return c;
}

}  // namespace vae::tabular
