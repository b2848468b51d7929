#pragma once
// Replicas for measuring how far a trained golden value may move between machines.
//
// A golden run trained on another CPU differs from ours in the last bits of its first sums,
// and training amplifies that. To see by how much without owning every CPU, the tolerance
// tool (tools/measure-spread) reruns each trained golden run with its initial weights nudged
// by 16 units in the last place of the training precision, more than one sum's rounding
// difference, and records the spread of the results. The nudge is asked for through the
// environment, so that no golden file or flag ever records it:
//     VAE_REPLICA=k   (k >= 1) every initial weight w becomes w (1 + 16 eps u), u uniform in
//                     (-1, 1) from the seed k's Replica stream, eps = 1.2e-7 for float and
//                     2.2e-16 for double; unset or 0: nothing changes.
#include <limits>

#include "vae/nn/types.hpp"

namespace vae::nn {

template <class S>
constexpr double replica_nudge() {
    return 16.0 * double(std::numeric_limits<S>::epsilon());
}

// The replica number from VAE_REPLICA (0 when unset). Throws UsageError when it is not a
// whole number from 0 to 1000000.
int replica_number();

// Applies the nudge of replica_number() to freshly initialised parameters; returns whether
// it did (and then says so once on stderr, so that a nudged run is never taken for a real one).
bool nudge_for_replica(VectorMap<float> params);
bool nudge_for_replica(VectorMap<double> params);

}  // namespace vae::nn
