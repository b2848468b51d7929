// Exercise 1 — data generation (reference solution).
//
// Draw N points from the 2-D Gaussian N(mu_data, Sigma_data) with mu_data = (3, 2) and
// Sigma_data = I, then check the sample against the distribution it came from: the sample mean
// should be near (3, 2) and the sample covariance near I. Their standard errors: 1/sqrt(N)
// for each mean and for the covariance, sqrt(2/N) for each variance (0.032 and 0.045 at
// N = 1000). The sheet's 1b, the optional scatter plot, is lib's (plots/exercise1_data.png).
// The task: docs/sheet.md §1.
#include <ex01-05/report.hpp>
#include <ex01-05/settings.hpp>
#include <vae/exercise.hpp>
#include <vae/reparam.hpp>
#include <vae/rng.hpp>

using vae::Matrix;
using vae::Vector;

// 1a. x_i = mu_data + L eps_i, where L L^T = Sigma_data (Cholesky) and eps_i ~ N(0, I).
// eps is drawn row by row from the seed's Data stream, so every exercise sees the same X_true.
Matrix generate_data(long n, std::uint64_t seed) {
    vae::Rng rng(seed, vae::Stream::Data);
    const Matrix eps = vae::standard_normal(n, 2, rng);
    const Matrix L = Eigen::LLT<Matrix>(vae::sheet::data_covariance()).matrixL();
    Matrix X = eps * L.transpose();                      // rows: (L eps_i)^T
    X.rowwise() += vae::sheet::data_mean().transpose();  // + mu_data
    return X;
}

// 1a check (not on the sheet). m = (1/N) Σ_i x_i
Vector sample_mean(const Matrix& X) { return X.colwise().mean().transpose(); }

// 1a check. S = 1/(N-1) Σ_i (x_i - m)(x_i - m)^T
// (unbiased: N-1 because m was estimated from X too)
Matrix sample_covariance(const Matrix& X) {
    const Matrix centred = X.rowwise() - X.colwise().mean();
    return centred.transpose() * centred / static_cast<double>(X.rows() - 1);
}

// s holds the flags --seed and --n; options says where the plots go.
vae::Report run_exercise(const vae::sheet::Settings& s, const vae::Options& options) {
    if (s.n < 2) throw vae::UsageError("--n must be at least 2 to estimate a covariance");
    const Matrix X = generate_data(s.n, s.seed);
    return vae::sheet::report_data(vae::exercise_info.title, options, X, sample_mean(X),
                                   sample_covariance(X));
}

// The program: the flags --seed and --n (defaults 42 and 1000), then the run above.
const vae::Program vae::program(vae::sheet::data_flags, run_exercise);
