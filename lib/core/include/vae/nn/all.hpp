#pragma once
// Everything of the trainable VAE core in one include.
#include "vae/nn/activation.hpp"
#include "vae/nn/adam.hpp"
#include "vae/nn/beta_schedule.hpp"
#include "vae/nn/checkpoint.hpp"
#include "vae/nn/denormals.hpp"
#include "vae/nn/evaluate.hpp"
#include "vae/nn/gradient.hpp"
#include "vae/nn/model.hpp"
#include "vae/nn/spec.hpp"
#include "vae/nn/train.hpp"
#include "vae/nn/types.hpp"
#include "vae/nn/workspace.hpp"
