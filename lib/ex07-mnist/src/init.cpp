#include "ex07/init.hpp"

#include <cmath>

#include "vae/nn/replica.hpp"
#include "vae/rng.hpp"

namespace vae::mnist {

void init_uniform_fan_in(nn::Model<float>& model, std::uint64_t seed) {
    Rng rng(seed, Stream::Weights);
    for (int l = 0; l < model.num_layers(); ++l) {
        nn::DenseRef<float> layer = model.layer(l);
        const double a = 1.0 / std::sqrt(double(layer.W.rows()));  // W is fan_in x fan_out
        // u in (0, 1) -> (2u - 1) a in (-a, a)
        for (Eigen::Index i = 0; i < layer.W.size(); ++i)
            layer.W.data()[i] = float((2.0 * rng.uniform() - 1.0) * a);
        for (Eigen::Index i = 0; i < layer.b.size(); ++i)
            layer.b.data()[i] = float((2.0 * rng.uniform() - 1.0) * a);
    }
    nn::nudge_for_replica(model.params());
}

}  // namespace vae::mnist
