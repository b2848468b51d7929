#pragma once
// Everything exercise 6 (VAEs on Iris and Wine) takes from lib besides the network itself:
// settings and flags, data sets, the checks of the student's code, the analysis, the table
// and the plots.
#include "vae/tabular/dataset.hpp"
#include "vae/tabular/experiment.hpp"
#include "vae/tabular/settings.hpp"
#include "vae/tabular/training.hpp"
