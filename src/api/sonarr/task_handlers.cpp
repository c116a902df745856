// /system/task: the scheduled tasks, as Sonarr's TaskResource.
#include "api/sonarr/context.h"
#include "api/sonarr/json_io.h"
#include "api/sonarr/scheduler.h"

namespace nzbd::sonarr {
namespace {

json task_json(const ScheduledTask& t) {
  json j = {{"id", t.id},
            {"name", t.name},
            {"taskName", t.task_name},
            {"interval", t.interval_minutes},
            {"nextExecution", t.next_execution},
            {"lastDuration", t.last_duration}};
  j["lastExecution"] = t.last_execution.value_or("0001-01-01T00:00:00Z");
  j["lastStartTime"] = t.last_start.value_or("0001-01-01T00:00:00Z");
  return j;
}

}  // namespace

http::Response handle_system_task(Context& ctx, const Call& call) {
  if (call.method != "GET") return method_not_allowed();
  auto tasks = ctx.scheduler->tasks();
  if (call.id) {
    for (const auto& t : tasks)
      if (t.id == *call.id) return reply(task_json(t));
    return not_found("Task with ID " + std::to_string(*call.id) + " does not exist");
  }
  json out = json::array();
  for (const auto& t : tasks) out.push_back(task_json(t));
  return reply(out);
}

}  // namespace nzbd::sonarr
