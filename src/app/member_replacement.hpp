// After acceptance a team may ask to replace a member (from the management link); staff approve or refuse with a
// reason. The team rules hold after the replacement (checked when asked and again when approved); the contact is
// mailed the decision and an approved new member is told of the registration.
#pragma once
#include <string>
#include <vector>

#include "app/app.hpp"
#include "app/principal.hpp"
#include "domain/application.hpp"
#include "store/hospital_list_store.hpp"

namespace kenshu::app {

store::ReplacementRow request_member_replacement(App& app, const std::string& token, const std::string& member_id,
                                                 const domain::Member& new_member);
std::vector<store::ReplacementRow> member_replacements_of_team(App& app, const std::string& token);

std::vector<store::ReplacementRow> member_replacements(App& app, const Principal& p, const std::string& application_id);
store::ReplacementRow decide_member_replacement(App& app, const Principal& p, const std::string& application_id,
                                                const std::string& replacement_id, bool approve,
                                                const std::string& reason);

}  // namespace kenshu::app
