// Min-max and standard scaling: hand-computed small cases, the [0, 1] guarantee on training
// data, fitting on the training set only, and the inverse.
#include <cmath>
#include <stdexcept>

#include "catch_compat.hpp"
#include "vae/data/csv.hpp"
#include "vae/data/scaling.hpp"
#include "vae/data/split.hpp"
#include "vae/error.hpp"

namespace test_data_scaling {

using vae::data::MinMaxScaler;
using vae::data::RowMatrix;
using vae::data::StandardScaler;

namespace {

RowMatrix matrix(Eigen::Index rows, Eigen::Index cols, std::initializer_list<double> values) {
    RowMatrix m(rows, cols);
    Eigen::Index k = 0;
    for (double v : values) {
        m(k / cols, k % cols) = v;
        ++k;
    }
    return m;
}

vae::data::TrainTest iris_parts() {
    const auto iris = vae::data::load_labeled_csv(std::string(VAE_SOURCE_DIR) + "/data/iris.csv");
    return vae::data::apply_split(iris, vae::data::stratified_split(iris.labels, 42));
}

}  // namespace

TEST_CASE("min-max scaling by hand, fitted on train and applied to test", "[data]") {
    // Column 0 spans [1, 5]; column 1 is constant 5.
    const RowMatrix train = matrix(3, 2,
                                   {1, 5,  //
                                    3, 5,  //
                                    5, 5});
    const RowMatrix test = matrix(2, 2,
                                  {7, 6,  //
                                   0, 5});
    MinMaxScaler scaler;
    scaler.fit(train);
    CHECK(scaler.transform(train) == matrix(3, 2, {0, 0, 0.5, 0, 1, 0}));
    // The test set uses the training min and range: (7-1)/4, (6-5)/1, (0-1)/4, (5-5)/1.
    // It is not squeezed back into [0, 1]; clipping is a separate, explicit step.
    CHECK(scaler.transform(test) == matrix(2, 2, {1.5, 1, -0.25, 0}));
    CHECK(vae::data::clip_to_unit_interval(scaler.transform(test)) == matrix(2, 2, {1, 1, 0, 0}));
    CHECK(scaler.inverse_transform(scaler.transform(test)) == test);
}

TEST_CASE("min-max scaling of the iris training set fills exactly [0, 1]", "[data]") {
    const auto parts = iris_parts();
    MinMaxScaler scaler;
    scaler.fit(parts.train.features);
    const RowMatrix train = scaler.transform(parts.train.features);
    for (Eigen::Index j = 0; j < train.cols(); ++j) {
        INFO("feature " << j);
        CHECK(train.col(j).minCoeff() == 0.0);
        CHECK(train.col(j).maxCoeff() == 1.0);
        // Fitted on train only: the offset is the training minimum, whatever the test set holds.
        CHECK(scaler.offset()(j) == parts.train.features.col(j).minCoeff());
    }
    const RowMatrix back = scaler.inverse_transform(train);
    CHECK((back - parts.train.features).cwiseAbs().maxCoeff() <=
          1e-14 * parts.train.features.cwiseAbs().maxCoeff());
    const RowMatrix test_back = scaler.inverse_transform(scaler.transform(parts.test.features));
    CHECK((test_back - parts.test.features).cwiseAbs().maxCoeff() <=
          1e-14 * parts.test.features.cwiseAbs().maxCoeff());
}

TEST_CASE("standard scaling by hand uses the population standard deviation", "[data]") {
    // Column 0 = 1, 2, 3, 4: mean 2.5, variance (2.25 + 0.25 + 0.25 + 2.25) / 4 = 1.25.
    // Column 1 = 0.1 four times: constant, and its floating-point mean is not exactly 0.1.
    const RowMatrix train = matrix(4, 2, {1, 0.1, 2, 0.1, 3, 0.1, 4, 0.1});
    StandardScaler scaler;
    scaler.fit(train);
    CHECK(scaler.offset()(0) == 2.5);
    CHECK_THAT(scaler.scale()(0), WithinRel(std::sqrt(1.25), 1e-15));
    const RowMatrix z = scaler.transform(train);
    CHECK_THAT(z(0, 0), WithinRel(-1.5 / std::sqrt(1.25), 1e-15));  // -1.3416407864998738
    CHECK_THAT(z(3, 0), WithinRel(1.5 / std::sqrt(1.25), 1e-15));
    for (Eigen::Index i = 0; i < 4; ++i) CHECK(z(i, 1) == 0.0);
    // A test value is scaled with the training mean and deviation.
    CHECK_THAT(scaler.transform(matrix(1, 2, {5, 0.1}))(0, 0), WithinRel(2.5 / std::sqrt(1.25), 1e-15));
    CHECK_THAT(scaler.inverse_transform(z)(2, 0), WithinRel(3.0, 1e-15));
}

TEST_CASE("standard scaling of the iris training set gives mean 0 and deviation 1", "[data]") {
    const auto parts = iris_parts();
    StandardScaler scaler;
    const RowMatrix z = scaler.fit(parts.train.features).transform(parts.train.features);
    for (Eigen::Index j = 0; j < z.cols(); ++j) {
        INFO("feature " << j);
        const double mean = z.col(j).mean();
        const double variance = (z.col(j).array() - mean).square().mean();
        CHECK_THAT(mean, WithinAbs(0.0, 1e-14));
        CHECK_THAT(variance, WithinRel(1.0, 1e-13));
    }
    const RowMatrix back = scaler.inverse_transform(z);
    CHECK((back - parts.train.features).cwiseAbs().maxCoeff() <= 1e-13);
}

TEST_CASE("scalers refuse misuse", "[data]") {
    MinMaxScaler scaler;
    const RowMatrix x = matrix(2, 2, {1, 2, 3, 4});
    REQUIRE_THROWS_WITH(scaler.transform(x), "scaler: transform called before fit");
    scaler.fit(x);
    REQUIRE_THROWS_AS(scaler.transform(matrix(1, 3, {1, 2, 3})), std::invalid_argument);
    REQUIRE_THROWS_WITH(scaler.inverse_transform(matrix(1, 3, {1, 2, 3})),
                        "scaler: fitted on 2 columns, got a matrix with 3");
    REQUIRE_THROWS_AS(scaler.fit(RowMatrix(0, 2)), std::invalid_argument);
    REQUIRE_THROWS_AS(StandardScaler().fit(matrix(1, 2, {1, std::nan("")})), vae::NumericError);
}

}  // namespace test_data_scaling
