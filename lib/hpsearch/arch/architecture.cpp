#include "hpsearch/arch/architecture.hpp"

#include "hpsearch/core/value.hpp"

namespace hpsearch::arch {

std::string_view to_string(Activation activation) {
  switch (activation) {
  case Activation::none:
    return "linear";
  case Activation::relu:
    return "relu";
  case Activation::tanh:
    return "tanh";
  case Activation::sigmoid:
    return "sigmoid";
  case Activation::elu:
    return "elu";
  case Activation::selu:
    return "selu";
  case Activation::gelu:
    return "gelu";
  }
  return "?";
}

std::string_view to_string(OpKind kind) {
  switch (kind) {
  case OpKind::identity:
    return "identity";
  case OpKind::zero:
    return "zero";
  case OpKind::dense:
    return "dense";
  case OpKind::conv:
    return "conv";
  case OpKind::maxpool:
    return "maxpool";
  case OpKind::avgpool:
    return "avgpool";
  case OpKind::batchnorm:
    return "batchnorm";
  case OpKind::dropout:
    return "dropout";
  case OpKind::flatten:
    return "flatten";
  }
  return "?";
}

std::string_view to_string(Merge merge) {
  return merge == Merge::add ? "add" : "concat";
}

std::string describe(const Op& op) {
  std::string out(to_string(op.kind));
  const std::string k = std::to_string(op.kernel);
  switch (op.kind) {
  case OpKind::dense:
    return out + " " + std::to_string(op.units) + " " + std::string(to_string(op.activation));
  case OpKind::conv:
    out += (op.units > 0 ? " " + std::to_string(op.units) : "") + " " + k + "x" + k;
    if (op.stride != 1) out += " s" + std::to_string(op.stride);
    return out + " " + std::string(to_string(op.activation));
  case OpKind::maxpool:
  case OpKind::avgpool:
    return out + " " + k;
  case OpKind::dropout:
    return out + " " + hpsearch::to_string(Value{op.rate});
  default:
    return out;
  }
}

} // namespace hpsearch::arch
