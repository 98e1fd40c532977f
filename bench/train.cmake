# bench/train_epoch: the LibTorch trainer's epoch time (bench/train.sh runs it beside PyTorch).
if(TARGET hpsearch_train)
  add_executable(train_epoch train_epoch.cpp)
  target_link_libraries(train_epoch PRIVATE hpsearch_train hpsearch_warnings)
endif()

# bench/train_state: the cost of saving and loading a trial's training state per job.
if(TARGET hpsearch_train)
  add_executable(train_state train_state.cpp)
  target_link_libraries(train_state PRIVATE hpsearch_train hpsearch_warnings)
endif()
