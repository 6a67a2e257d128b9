// placeholder until the codec lands; replaced by messages.cpp
