#pragma once
// Small values written inline in a test: vec({1, 2, 3}) is a vae::Vector, column({1, 2, 3})
// the same values as an n x 1 vae::Matrix (one sample per row), the shape the analysis
// functions take for their data.
#include <initializer_list>

#include "vae/matrix.hpp"

namespace test_support {

inline vae::Vector vec(std::initializer_list<double> values) {
    vae::Vector v(static_cast<Eigen::Index>(values.size()));
    Eigen::Index i = 0;
    for (double x : values) v(i++) = x;
    return v;
}

inline vae::Matrix column(std::initializer_list<double> values) { return vec(values); }

}  // namespace test_support
