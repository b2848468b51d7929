#include "vae/reproducible_numerics.hpp"

#include <Eigen/Core>

namespace vae {

void make_numerics_machine_independent() {
    // Any fixed values would do; these are a common x86-64 core's, so the blocking stays
    // efficient.
    Eigen::setCpuCacheSizes(32 * 1024, 1024 * 1024, 32 * 1024 * 1024);
    // Eigen's parallel products choose their blocking from the thread count as well.
    Eigen::setNbThreads(1);
}

}  // namespace vae
