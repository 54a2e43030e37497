import CLinuxSys
