// Exercise 1 — data generation.
//
// The task in full: docs/sheet.md §1 (and its Notation section for the symbols).
//
// Your task: draw N points from the 2-D Gaussian N(mu_data, Sigma_data) with
//   mu_data = (3, 2)   and   Sigma_data = I (the 2 x 2 identity),
// and then measure the sample you drew: its mean and its covariance.
//
// Fill in the three functions marked TODO. Run `./build/exercise1` to see your numbers and
// plots/exercise1_data.png, and `ctest --test-dir build -R exercise1` to check them.
//
// Rules of the game, so that your numbers match the golden file:
//  * draw the noise with vae::Rng rng(seed, vae::Stream::Data) and vae::standard_normal(n, 2, rng),
//    which fills the matrix row by row;
//  * turn noise into data with x_i = mu_data + L eps_i, where L is the Cholesky factor of
//    Sigma_data (L L^T = Sigma_data). Eigen: Eigen::LLT<Matrix>(S).matrixL().
//    In row form, with one point per row: X = eps L^T, then add mu_data^T to every row;
//  * use the unbiased covariance, dividing by N - 1.
// vae::sheet::data_mean() and vae::sheet::data_covariance() hold the sheet's numbers.
//
// The sheet's exercise 1 has two parts: 1a draws the data, 1b (optional) plots it; lib draws
// that plot. The sample moments are not on the sheet: they are the check that 1a is right.
#include <ex01-05/report.hpp>
#include <ex01-05/settings.hpp>
#include <vae/exercise.hpp>
#include <vae/reparam.hpp>
#include <vae/rng.hpp>

using vae::Matrix;
using vae::Vector;

// 1a. Return an n x 2 matrix whose rows are draws from N(mu_data, Sigma_data).
Matrix generate_data(long n, std::uint64_t seed) {
    vae::todo("1a: generate_data — draw eps, then x_i = mu_data + L eps_i");
}

// 1a check. The sample mean m = (1/N) Σ_i x_i, as a 2-vector.
Vector sample_mean(const Matrix& X) { vae::todo("1a check: sample_mean — the column means of X"); }

// 1a check. The sample covariance S = 1/(N-1) Σ_i (x_i - m)(x_i - m)^T, a 2 x 2 matrix.
Matrix sample_covariance(const Matrix& X) {
    vae::todo("1a check: sample_covariance — centre the rows, then C^T C / (N - 1)");
}

// ---- Below: the program. lib prints the table and draws plots/exercise1_data.png (1b). -----

// s holds the flags --seed and --n; options says where the plots go.
vae::Report run_exercise(const vae::sheet::Settings& s, const vae::Options& options) {
    if (s.n < 2) throw vae::UsageError("--n must be at least 2 to estimate a covariance");
    const Matrix X = generate_data(s.n, s.seed);
    return vae::sheet::report_data(vae::exercise_info.title, options, X, sample_mean(X),
                                   sample_covariance(X));
}

// The program: the flags --seed and --n (defaults 42 and 1000), then the run above.
const vae::Program vae::program(vae::sheet::data_flags, run_exercise);
