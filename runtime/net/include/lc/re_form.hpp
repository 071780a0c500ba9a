#pragma once
// A request-URI form: text with `{name}` fields, each field a regular expression. Given to listen()
// (lc::uri_form), it turns every request whose whole URI matches into a FormRequest holding what
// each field matched; any other URI is answered 400.
//
//   lc::ReForm resource_form{"/{resource}(/{identity})?", {{"resource", R"(\w+)"}, {"identity", "[0-9]+"}}};
//
// `{{` and `}}` stand for literal braces. The expressions are Perl's (Boost.Regex), which the
// reference's Python expressions are, for what forms use.
#include <map>
#include <string>
#include <vector>

#include <boost/describe.hpp>

#include "lc/message.hpp"

namespace lc {

struct ReForm {
  std::string form;
  std::map<std::string, std::string> entry;  // field name -> expression

  std::vector<std::string> entry_names() const {  // sorted, as the reference lists them
    std::vector<std::string> names;
    for (const auto& [name, expression] : entry) names.push_back(name);
    return names;
  }
};
BOOST_DESCRIBE_STRUCT(ReForm, (), (form, entry))

}  // namespace lc

LC_MESSAGE(lc::ReForm, "layer_cake.point_runtime.ReForm")
