// Exercise 7's initial weights: U(-1/sqrt(fan_in), 1/sqrt(fan_in)) for every weight and bias.
#include <cmath>

#include "catch_compat.hpp"
#include "ex07/init.hpp"

namespace test_mnist_init {

using namespace vae;

TEST_CASE("init_uniform_fan_in draws every parameter from U(-a, a), a = 1/sqrt(fan_in)", "[mnist]") {
    nn::Model<float> model(nn::ModelSpec::mirrored(784, {400}, 20), 1);
    mnist::init_uniform_fan_in(model, 5);
    for (int l = 0; l < model.num_layers(); ++l) {
        const auto layer = model.layer(l);
        const double a = 1.0 / std::sqrt(double(model.layers()[std::size_t(l)].in));
        INFO("layer " << model.layers()[std::size_t(l)].name);
        CHECK(layer.W.cwiseAbs().maxCoeff() < a);
        CHECK(layer.b.cwiseAbs().maxCoeff() < a);
        // U(-a, a) has mean 0 and variance a^2 / 3. The smallest weight matrix here (20 x 400)
        // has 8000 draws; the sample variance's relative standard error is then sqrt(0.8 / n)
        // ~ 1%, so 4% is four standard errors; the mean stays within 4 sd / sqrt(n).
        const double n = double(layer.W.size());
        const double mean = layer.W.cast<double>().mean();
        const double var = (layer.W.cast<double>().array() - mean).square().sum() / n;
        CHECK_THAT(var, WithinRel(a * a / 3.0, 0.04));
        CHECK(std::abs(mean) < 4.0 * a / std::sqrt(3.0 * n));
    }
    CHECK(model.layer(0).b.cwiseAbs().minCoeff() > 0.0f);  // biases are drawn too, not zero

    nn::Model<float> again(nn::ModelSpec::mirrored(784, {400}, 20), 99);
    mnist::init_uniform_fan_in(again, 5);
    CHECK(again.params() == model.params());  // the seed alone decides
    mnist::init_uniform_fan_in(again, 6);
    CHECK(again.params() != model.params());
}

}  // namespace test_mnist_init
