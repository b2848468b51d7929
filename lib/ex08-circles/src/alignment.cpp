#include "ex08/alignment.hpp"

#include <cmath>
#include <stdexcept>
#include <string>

#include "vae/analysis/correlation.hpp"
#include "vae/analysis/decompositions.hpp"

namespace vae::circles {

namespace {

void check_pair(const Matrix& latent, const Matrix& centres, const char* what) {
    if (latent.cols() != 2 || centres.cols() != 2 || latent.rows() != centres.rows() || latent.rows() < 2) {
        throw std::invalid_argument(std::string(what) + ": needs two n x 2 matrices with n >= 2, got " +
                                    std::to_string(latent.rows()) + " x " + std::to_string(latent.cols()) +
                                    " and " + std::to_string(centres.rows()) + " x " +
                                    std::to_string(centres.cols()));
    }
}

// S^(-1/2) of a symmetric positive semi-definite S, with eigenvalues below a relative
// threshold treated as 0 (their directions carry no variance to correlate).
Matrix inverse_sqrt(const Matrix& S) {
    const vae::analysis::SymmetricEigen eig = vae::analysis::symmetric_eigen(S, "canonical_correlations");
    const Vector& values = eig.values;
    const double cut = 1e-12 * std::max(values.cwiseAbs().maxCoeff(), 1e-300);
    Vector inv(values.size());
    for (Eigen::Index i = 0; i < values.size(); ++i)
        inv(i) = values(i) > cut ? 1.0 / std::sqrt(values(i)) : 0.0;
    return eig.vectors * inv.asDiagonal() * eig.vectors.transpose();
}

}  // namespace

Alignment axis_alignment(const Matrix& latent, const Matrix& centres) {
    check_pair(latent, centres, "axis_alignment");
    const Matrix r = vae::analysis::correlation_matrix(latent, centres);  // r(i, j) = r(z_i, c_j)
    const double straight = 0.5 * (std::abs(r(0, 0)) + std::abs(r(1, 1)));
    const double swapped = 0.5 * (std::abs(r(1, 0)) + std::abs(r(0, 1)));
    Alignment a;
    a.swapped = swapped > straight;
    a.score = a.swapped ? swapped : straight;
    a.r_x = a.swapped ? r(1, 0) : r(0, 0);
    a.r_y = a.swapped ? r(0, 1) : r(1, 1);
    return a;
}

Matrix standardise(const Matrix& m) {
    Matrix out = m.rowwise() - m.colwise().mean();
    for (Eigen::Index j = 0; j < out.cols(); ++j) {
        const double sd = std::sqrt(out.col(j).squaredNorm() / static_cast<double>(out.rows()));
        if (sd > 0) out.col(j) /= sd;
    }
    return out;
}

Matrix rotate(const Matrix& latent, double angle) {
    if (latent.cols() != 2) throw std::invalid_argument("rotate: needs an n x 2 matrix");
    const double c = std::cos(angle), s = std::sin(angle);
    Matrix out(latent.rows(), 2);
    out.col(0) = c * latent.col(0) - s * latent.col(1);
    out.col(1) = s * latent.col(0) + c * latent.col(1);
    return out;
}

Rotation best_rotation(const Matrix& latent, const Matrix& centres, double step_deg) {
    check_pair(latent, centres, "best_rotation");
    if (!(step_deg > 0 && step_deg <= 45))
        throw std::invalid_argument("best_rotation: step_deg must be in (0, 45]");
    const Matrix z = standardise(latent);
    Rotation best;
    best.angle_deg = -45;
    best.alignment = axis_alignment(rotate(z, -45 * kPi / 180), centres);
    // Each angle comes from its step count (not from adding step_deg over and over), so
    // rounding cannot drift along the grid.
    const int steps = static_cast<int>(std::ceil(90 / step_deg));
    for (int k = 1; k < steps; ++k) {
        const double deg = -45 + k * step_deg;
        if (deg >= 45) break;
        const Alignment a = axis_alignment(rotate(z, deg * kPi / 180), centres);
        if (a.score > best.alignment.score) {
            best.angle_deg = deg;
            best.alignment = a;
        }
    }
    return best;
}

Vector canonical_correlations(const Matrix& a, const Matrix& b) {
    if (a.rows() != b.rows() || a.rows() < 2)
        throw std::invalid_argument("canonical_correlations: needs the same n >= 2 rows in both");
    const Matrix da = a.rowwise() - a.colwise().mean();
    const Matrix db = b.rowwise() - b.colwise().mean();
    // The 1 / (n - 1) of the covariances cancels in C_aa^(-1/2) C_ab C_bb^(-1/2).
    const Matrix Caa = da.transpose() * da, Cbb = db.transpose() * db, Cab = da.transpose() * db;
    const Matrix M = inverse_sqrt(Caa) * Cab * inverse_sqrt(Cbb);
    // Rounding can lift a perfect correlation a hair above 1.
    return vae::analysis::singular_values(M).cwiseMin(1.0);
}

double rotation_elbo_gap(const Matrix& logvar, double angle) {
    if (logvar.cols() != 2 || logvar.rows() < 1)
        throw std::invalid_argument("rotation_elbo_gap: needs an n x 2 matrix of log sigma^2, n >= 1");
    const double c2 = std::cos(angle) * std::cos(angle), s2 = std::sin(angle) * std::sin(angle);
    double sum = 0;
    for (Eigen::Index i = 0; i < logvar.rows(); ++i) {
        const double v1 = std::exp(logvar(i, 0)), v2 = std::exp(logvar(i, 1));
        // The diagonal of R diag(v1, v2) R^T. (The rotated precision matrix gives the same
        // product d1 d2 / (v1 v2), with v1 and v2 swapped in each factor.)
        const double d1 = c2 * v1 + s2 * v2, d2 = s2 * v1 + c2 * v2;
        sum += 0.5 * (std::log(d1) + std::log(d2) - logvar(i, 0) - logvar(i, 1));
    }
    return sum / static_cast<double>(logvar.rows());
}

}  // namespace vae::circles
