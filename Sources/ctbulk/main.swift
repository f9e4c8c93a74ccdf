print("ctbulk")
