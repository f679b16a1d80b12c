// Replays a fuzz target's inputs without libFuzzer (the GCC test build): every file named on the
// command line, or found directly in a directory named there, runs once through
// LLVMFuzzerTestOneInput in a child process, so one crash does not hide the next. Prints
//   replay: N inputs, M crashes
// and exits non-zero when an input crashed or could not be read.
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);  // NOLINT

namespace {

namespace fs = std::filesystem;

// The files to replay: directories are read one level deep, hidden files skipped, in name
// order so that the output is the same on every run.
std::vector<fs::path> inputs_of(int argc, char** argv, bool& ok) {
  std::vector<fs::path> out;
  for (int i = 1; i < argc; ++i) {
    fs::path p(argv[i]);
    std::error_code ec;
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> in_dir;
      for (const auto& entry : fs::directory_iterator(p, ec)) {
        if (entry.is_regular_file() && !entry.path().filename().string().starts_with('.')) {
          in_dir.push_back(entry.path());
        }
      }
      std::sort(in_dir.begin(), in_dir.end());
      out.insert(out.end(), in_dir.begin(), in_dir.end());
    } else if (fs::is_regular_file(p, ec)) {
      out.push_back(p);
    } else {
      std::fprintf(stderr, "replay: no such file or directory: %s\n", argv[i]);
      ok = false;
    }
  }
  return out;
}

// Runs one input in a child; true when it returned normally.
bool replay(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.eof() && in.fail()) {
    std::fprintf(stderr, "replay: cannot read %s\n", path.c_str());
    return false;
  }
  std::fflush(nullptr);
  pid_t child = fork();
  if (child < 0) {
    std::perror("replay: fork");
    return false;
  }
  if (child == 0) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(bytes.data()), bytes.size());
    std::exit(0);  // exit, not _exit: LeakSanitizer checks at exit, as libFuzzer does per input
  }
  int status = 0;
  if (waitpid(child, &status, 0) != child) {
    std::perror("replay: waitpid");
    return false;
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) == 0) return true;
  if (WIFSIGNALED(status)) {
    std::fprintf(stderr, "replay: crash (signal %d): %s\n", WTERMSIG(status), path.c_str());
  } else {
    std::fprintf(stderr, "replay: crash (exit %d): %s\n", WEXITSTATUS(status), path.c_str());
  }
  return false;
}

}  // namespace

int main(int argc, char** argv) {
  bool ok = true;
  auto inputs = inputs_of(argc, argv, ok);
  std::size_t crashes = 0;
  for (const auto& path : inputs) {
    if (!replay(path)) ++crashes;
  }
  std::printf("replay: %zu inputs, %zu crashes\n", inputs.size(), crashes);
  return ok && crashes == 0 ? 0 : 1;
}
