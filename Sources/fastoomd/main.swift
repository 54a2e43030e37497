print("fastoomd")
