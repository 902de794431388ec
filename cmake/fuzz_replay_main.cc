// A main() for fuzz targets built without libFuzzer: runs LLVMFuzzerTestOneInput once over the
// empty input and once over every file named on the command line or found (recursively, in
// sorted order) under a directory named there. Used by the `fuzz` ctest tests. (build support)
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <system_error>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

bool CollectInputs(const std::filesystem::path& path, std::vector<std::filesystem::path>& out) {
  std::error_code error;
  if (std::filesystem::is_regular_file(path, error)) {
    out.push_back(path);
    return true;
  }
  if (!std::filesystem::is_directory(path, error)) {
    std::fprintf(stderr, "fuzz replay: no such file or directory: %s\n", path.c_str());
    return false;
  }
  std::filesystem::recursive_directory_iterator it(path, error), end;
  for (; !error && it != end; it.increment(error)) {
    if (it->is_regular_file(error)) out.push_back(it->path());
  }
  if (error) {
    std::fprintf(stderr, "fuzz replay: cannot list %s: %s\n", path.c_str(),
                 error.message().c_str());
    return false;
  }
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::filesystem::path> inputs;
  for (int index = 1; index < argc; ++index) {
    if (!CollectInputs(argv[index], inputs)) return 1;
  }
  std::sort(inputs.begin(), inputs.end());
  LLVMFuzzerTestOneInput(nullptr, 0);
  for (const std::filesystem::path& path : inputs) {
    std::ifstream file(path, std::ios::binary);
    if (!file) {
      std::fprintf(stderr, "fuzz replay: cannot read %s\n", path.c_str());
      return 1;
    }
    std::string bytes((std::istreambuf_iterator<char>(file)), std::istreambuf_iterator<char>());
    // A copy in its own allocation, so reads past the end trip the sanitizers.
    std::vector<uint8_t> data(bytes.begin(), bytes.end());
    LLVMFuzzerTestOneInput(data.data(), data.size());
  }
  std::printf("fuzz replay: %zu inputs ran\n", inputs.size());
  if (argc > 1 && inputs.empty()) {
    std::fprintf(stderr, "fuzz replay: the corpus is empty\n");
    return 1;
  }
  return 0;
}
