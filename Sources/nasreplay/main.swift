print("nasreplay")
