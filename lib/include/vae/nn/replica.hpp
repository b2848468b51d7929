#pragma once
// Replicas for measuring how far a trained golden value may move between machines.
//
// A golden run trained on another CPU differs from ours in the last bits of its first sums,
// and training amplifies that. To see by how much without owning every CPU, the tolerance
// tool (tools/measure-spread) reruns each trained golden run with its initial weights nudged
// by one part in a million, a far larger nudge than any rounding difference, and records the
// spread of the results. The nudge is asked for through the environment, so that no golden
// file or flag ever records it:
//     VAE_REPLICA=k   (k >= 1) every initial weight w becomes w (1 + 1e-6 u), u uniform in
//                     (-1, 1) from the seed k's Replica stream; unset or 0: nothing changes.
#include "vae/nn/types.hpp"

namespace vae::nn {

inline constexpr double kReplicaNudge = 1e-6;

// The replica number from VAE_REPLICA (0 when unset). Throws UsageError when it is not a
// whole number from 0 to 1000000.
int replica_number();

// Applies the nudge of replica_number() to freshly initialised parameters; returns whether
// it did (and then says so once on stderr, so that a nudged run is never taken for a real one).
bool nudge_for_replica(VectorMap<float> params);
bool nudge_for_replica(VectorMap<double> params);

}  // namespace vae::nn
