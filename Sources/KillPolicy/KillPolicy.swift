enum KillPolicyModule {}
