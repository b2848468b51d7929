#include "vae/atomic_file.hpp"

#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "vae/error.hpp"

namespace vae {

namespace fs = std::filesystem;

void ensure_parent_dir(const std::string& path) {
    const fs::path parent = fs::path(path).parent_path();
    if (parent.empty()) return;
    std::error_code ec;
    fs::create_directories(parent, ec);
    if (ec) throw InputError(path + ": cannot create folder " + parent.string() + ": " + ec.message());
}

std::string temporary_path_for(const std::string& path) {
    return path + ".tmp." + std::to_string(::getpid());
}

void commit_temporary(const std::string& tmp, const std::string& path) {
    std::error_code ec;
    fs::rename(tmp, path, ec);
    if (ec) {
        fs::remove(tmp, ec);
        throw InputError(path + ": cannot write the file: " + ec.message());
    }
}

void write_file_atomically(const std::string& path, const std::string& content) {
    ensure_parent_dir(path);
    const std::string tmp = temporary_path_for(path);
    {
        std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out) {
            out.close();
            std::remove(tmp.c_str());
            throw InputError(path + ": cannot write the file (disk full or no permission?)");
        }
    }
    commit_temporary(tmp, path);
}

}  // namespace vae
