#include "unpack/process.h"

namespace nzbd::unpack {

namespace {
constexpr size_t kMaxOutput = 64 * 1024;
}  // namespace

nzbd::Result<ProcessResult> run_process(const std::filesystem::path& program, const std::vector<std::string>& args,
                                        const std::function<bool()>& cancelled) {
  ProcessResult out;
  SubprocessOptions o;
  o.argv.push_back(program.string());
  o.argv.insert(o.argv.end(), args.begin(), args.end());
  o.cancelled = cancelled;
  o.on_output = [&out](std::string_view piece) {
    if (out.output.size() < kMaxOutput) out.output.append(piece);
  };
  auto r = run_subprocess(o);
  if (!r) return r.error();
  out.exit_code = r->signal ? -1 : r->exit_code;
  out.cancelled = r->cancelled;
  return out;
}

}  // namespace nzbd::unpack
