#include "source_dir.hpp"

namespace vae {

const char* source_dir() { return VAE_SOURCE_DIR; }

}  // namespace vae
