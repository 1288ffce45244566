// SHA-256 (FIPS 180-4) for the compiled-program cache: the key of a program
// and the integrity check of a stored entry. `caplint run` loads this addon
// anyway; hashing here spares it node:crypto (and the streams that come with
// it) at start-up.
#pragma once

#include <napi.h>

#include <cstddef>
#include <cstdint>
#include <string>

namespace caplint {

// The digest of data[0..size) as 64 lowercase hex digits.
std::string Sha256Hex(const uint8_t* data, size_t size);

// sha256(data): data is a string (hashed as UTF-8) or a Uint8Array/Buffer; returns the hex digest.
Napi::Value Sha256Js(const Napi::CallbackInfo& info);

}  // namespace caplint
