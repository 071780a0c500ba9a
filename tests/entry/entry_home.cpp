#include "lc/home_folders.hpp"
#include "programs.hpp"

test_entry::home_report home(lc::channel&, const test_entry::home_settings& s) {
  auto model = lc::model_folder();
  auto tmp = lc::tmp_folder();
  auto resource = lc::resource_folder();
  test_entry::home_report report{model.path(), std::nullopt, tmp.path(), static_cast<std::int64_t>(tmp.matching().size())};
  if (resource) report.resource = resource->path();
  if (s.store_label) {
    model.file<std::string>("label").store("stored by entry_home");
    tmp.file<int>("scratch").store(1);
  }
  return report;
}

int main(int argc, char** argv) { return lc::run(home, argc, argv); }
