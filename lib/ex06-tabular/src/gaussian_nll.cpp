#include "ex06/gaussian_nll.hpp"

#include <cmath>
#include <stdexcept>

#include "gaussian_nll_report.hpp"
#include "notes.hpp"
#include "tolerance.hpp"

namespace vae::tabular {

double gaussian_nll_constant(int features, double sigma) {
    if (features < 1 || !(sigma > 0))
        throw std::invalid_argument("gaussian_nll_constant: needs d >= 1 and sigma > 0");
    constexpr double kTwoPi = 6.283185307179586476925;
    return 0.5 * features * std::log(kTwoPi * sigma * sigma);
}

void add_gaussian_nll_quantities(Report& r, const DatasetResult& d, const Decoder& decoder,
                                 const std::string& trained_todos) {
    if (decoder.likelihood != nn::Likelihood::Gaussian) return;  // BCE has no such constant
    const double constant = gaussian_nll_constant(d.data.features(), decoder.sigma);
    for (const RunResult& run : d.runs) {
        const std::string id = d.data.name + ".beta" + beta_label(run.beta) + ".test_nll_with_constant";
        r.add(id, run.history.last().test.recon + constant,
              d.data.name + ", " + notes::model_name(run.beta) +
                  ": test reconstruction term + (d/2) log(2 pi sigma^2), the full Gaussian NLL",
              kGoldenTolerance);
        r.depends_on(id, trained_todos);
    }
}

}  // namespace vae::tabular
