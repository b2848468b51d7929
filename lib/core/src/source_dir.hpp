#pragma once
// Where this tree is: the programs' default data/ and plots/ folders are in it.
namespace vae {

// VAE_SOURCE_DIR, from the one file of lib/ compiled with it (source_dir.cpp, in
// vae_core_paths): a copy of the tree that links lib/ as another build compiled it
// (VAE_LIB_FROM) compiles that file again, and so reads its own data/.
const char* source_dir();

}  // namespace vae
