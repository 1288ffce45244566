// The parent side of a launch with namespaces or cgroups.
#pragma once
#include "spawn.h"

namespace caplint {

// Like Launch, for plan.isolation.active. Namespace creation failing (clone
// EPERM, for one) is a StepFailure at kStepNamespaces, not an exception.
LaunchOutcome LaunchIsolated(const ChildPlan& plan);

}  // namespace caplint
