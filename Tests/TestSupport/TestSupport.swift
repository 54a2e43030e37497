import MemSense
