-- transactional: false

