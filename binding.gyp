{
  "targets": [
    {
      "target_name": "caplint_enforcer",
      "sources": [
        "enforcer/native/addon.cc",
        "enforcer/native/plan.cc",
        "enforcer/native/child.cc",
        "enforcer/native/child-guard.cc",
        "enforcer/native/parent-guard.cc",
        "enforcer/native/spawn.cc",
        "enforcer/native/spawn-isolated.cc",
        "enforcer/native/isolation-plan.cc",
        "enforcer/native/isolated-child.cc",
        "enforcer/native/pid-init.cc",
        "enforcer/native/wait.cc",
        "enforcer/native/seccomp-dump.cc",
        "enforcer/native/learn.cc",
        "enforcer/native/recorder.cc",
        "enforcer/native/command-host-pid.cc",
        "enforcer/native/bpf-run.cc",
        "enforcer/native/self-confine.cc",
        "enforcer/native/sha256.cc",
        "enforcer/native/proc-scan.cc",
        "enforcer/native/proc-read.cc"
      ],
      "include_dirs": ["<!(node -p \"require('node-addon-api').include_dir\")"],
      "defines": ["NAPI_VERSION=8", "NAPI_CPP_EXCEPTIONS", "NODE_ADDON_API_DISABLE_DEPRECATED"],
      "cflags!": ["-fno-exceptions"],
      "cflags_cc!": ["-fno-exceptions"],
      "cflags_cc": ["-std=c++17", "-Wall", "-Wextra", "-fstack-protector-strong", "-pthread"]
    }
  ]
}
