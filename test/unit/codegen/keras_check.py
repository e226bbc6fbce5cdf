"""Runs generated Keras modules against a stand-in for TensorFlow, for keras.test.ts.

TensorFlow cannot be installed where these tests run, so `tensorflow`, `tensorflow.keras` and
`tensorflow.keras.layers` are replaced by recorders: each layer checks its arguments against
Keras's signature and is recorded with its name; applying a layer checks that it gets tensors.
Reads a JSON list of {"id", "path"} on stdin; prints {id: {"layers": [[class, name]…], "model": name}}.
"""
import importlib.util
import json
import sys
import traceback
import types

# Keras's argument names, in order, for the layers generated code uses.
SIGNATURES = {
    "Conv2D": ["filters", "kernel_size", "strides", "padding", "data_format", "dilation_rate", "groups", "activation", "use_bias"],
    "DepthwiseConv2D": ["kernel_size", "strides", "padding", "depth_multiplier", "data_format", "dilation_rate", "activation", "use_bias"],
    "MaxPooling2D": ["pool_size", "strides", "padding"],
    "AveragePooling2D": ["pool_size", "strides", "padding"],
    "GlobalAveragePooling2D": [],
    "GlobalMaxPooling2D": [],
    "BatchNormalization": ["axis", "momentum", "epsilon"],
    "Dropout": ["rate"],
    "Flatten": [],
    "Reshape": ["target_shape"],
    "ZeroPadding2D": ["padding"],
    "UpSampling2D": ["size", "data_format", "interpolation"],
    "Dense": ["units", "activation", "use_bias"],
    "Activation": ["activation"],
    "ReLU": ["max_value", "negative_slope", "threshold"],
    "Add": [],
    "Concatenate": ["axis"],
    "Multiply": [],
}
CHOICES = {"padding": {"valid", "same"}, "activation": {"relu", "tanh", "sigmoid", "softmax", "elu", "gelu"}, "interpolation": {"nearest", "bilinear"}}

created = []


class Tensor:
    """A symbolic tensor without sizes: custom layers' slices give tensors, and their arithmetic on sizes sees 1s."""

    shape = (None, 1, 1, 1)

    def __getitem__(self, key):
        return Tensor()


class Layer:
    def __init__(self, *args, name=None, **kwargs):
        kind = type(self).__name__
        if kind in SIGNATURES:
            names = SIGNATURES[kind]
            if len(args) > len(names):
                raise TypeError(f"{kind} takes {len(names)} positional arguments, got {args}")
            given = dict(zip(names, args), **kwargs)
            unknown = set(kwargs) - set(names)
            if unknown:
                raise TypeError(f"{kind} has no argument {sorted(unknown)}")
            for key, allowed in CHOICES.items():
                if key in given and isinstance(given[key], str) and given[key] not in allowed:
                    raise ValueError(f"{kind}: {key}={given[key]!r}")
        created.append([kind, name])

    def __call__(self, x):
        inputs = x if isinstance(x, list) else [x]
        if not all(isinstance(t, Tensor) for t in inputs):
            raise TypeError(f"{type(self).__name__} applied to {x!r}")
        return self.call(x) if type(self).call is not Layer.call else Tensor()

    def call(self, x):
        return Tensor()

    def get_config(self):
        return {}


def layer_class(name):
    if name not in SIGNATURES:
        raise AttributeError(f"tensorflow.keras.layers has no {name} here")
    return type(name, (Layer,), {})


class Model:
    def __init__(self, inputs, outputs, name=None):
        self.name = name
        for t in (outputs if isinstance(outputs, list) else [outputs]) + [inputs]:
            if not isinstance(t, Tensor):
                raise TypeError(f"Model given {t!r}")


def Input(shape, name=None):
    created.append(["Input", name])
    return Tensor()


layers = types.ModuleType("tensorflow.keras.layers")
layers.Layer = Layer
layers.__getattr__ = layer_class
keras = types.ModuleType("tensorflow.keras")
keras.layers, keras.Model, keras.Input = layers, Model, Input
tensorflow = types.ModuleType("tensorflow")
tensorflow.keras = keras
tensorflow.nn = types.SimpleNamespace(local_response_normalization=lambda x, **kwargs: x)


def pad(x, paddings):
    """tf.pad of an image batch: a (before, after) pair for each of its four axes."""
    if not isinstance(x, Tensor) or len(paddings) != 4 or any(len(p) != 2 for p in paddings):
        raise ValueError(f"tf.pad({x!r}, {paddings!r})")
    return Tensor()


tensorflow.pad = pad
sys.modules.update({"tensorflow": tensorflow, "tensorflow.keras": keras, "tensorflow.keras.layers": layers})

report = {}
for spec in json.load(sys.stdin):
    created.clear()
    try:
        module_spec = importlib.util.spec_from_file_location("keras_" + spec["id"].replace("-", "_"), spec["path"])
        module = importlib.util.module_from_spec(module_spec)
        module_spec.loader.exec_module(module)
        model = module.build_model()
        report[spec["id"]] = {"layers": list(created), "model": model.name}
    except Exception:
        report[spec["id"]] = {"error": traceback.format_exc()}
print(json.dumps(report))
