"""Reference values for LossTest: L1, L2 and Charbonnier (eps 1e-3) of
p = (0.5, 0.2, 0.9, 0.0) against t = (0.1, 0.2, 0.6, 0.4), with numpy."""
import numpy as np

p = np.array([0.5, 0.2, 0.9, 0.0], dtype=np.float64)
t = np.array([0.1, 0.2, 0.6, 0.4], dtype=np.float64)
d = p - t
print("L1", np.mean(np.abs(d)))
print("L2", np.mean(d * d))
print("Charbonnier", np.mean(np.sqrt(d * d + 1e-3 ** 2)))
