// MergingIterator: k-way heap merge of child iterators (see merging_iterator.h).
//
// The heap holds the indices of the valid children. Moving forward it is a
// min-heap on the children's current keys, moving backward a max-heap; ties
// go to the lower child index. The top is the current entry.
#include "storage/merging_iterator.h"

#include <string>
#include <utility>

#include "storage/empty_iterator.h"

namespace strata::storage {

namespace {

class MergingIterator final : public Iterator {
 public:
  MergingIterator(std::vector<std::unique_ptr<Iterator>> children, KeyComparator compare)
      : children_(std::move(children)), compare_(compare) {
    heap_.reserve(children_.size());
  }

  bool Valid() const override { return !heap_.empty() && status_.ok(); }

  void SeekToFirst() override {
    for (auto& c : children_) c->SeekToFirst();
    Rebuild(Direction::kForward);
  }
  void SeekToLast() override {
    for (auto& c : children_) c->SeekToLast();
    Rebuild(Direction::kReverse);
  }
  void Seek(Slice target) override {
    for (auto& c : children_) c->Seek(target);
    Rebuild(Direction::kForward);
  }
  void SeekForPrev(Slice target) override {
    for (auto& c : children_) c->SeekForPrev(target);
    Rebuild(Direction::kReverse);
  }

  void Next() override {
    if (direction_ != Direction::kForward) {
      // Every other child is at its last key <= key() (or exhausted); move
      // each to its first key > key(). The current child sits at key().
      const std::string current_key(key());
      const size_t cur = heap_[0];
      for (size_t i = 0; i < children_.size(); ++i) {
        if (i == cur) continue;
        Iterator* c = children_[i].get();
        c->Seek(current_key);
        if (c->Valid() && compare_(c->key(), current_key) == 0) c->Next();
      }
      children_[cur]->Next();
      Rebuild(Direction::kForward);
      return;
    }
    Advance(/*forward=*/true);
  }

  void Prev() override {
    if (direction_ != Direction::kReverse) {
      // Mirror image of Next(): move every other child to its last key < key().
      const std::string current_key(key());
      const size_t cur = heap_[0];
      for (size_t i = 0; i < children_.size(); ++i) {
        if (i == cur) continue;
        Iterator* c = children_[i].get();
        c->SeekForPrev(current_key);
        if (c->Valid() && compare_(c->key(), current_key) == 0) c->Prev();
      }
      children_[cur]->Prev();
      Rebuild(Direction::kReverse);
      return;
    }
    Advance(/*forward=*/false);
  }

  // The top child's key, cached at each move: scans ask for it several
  // times per entry, and each ask otherwise goes down a chain of virtual
  // calls (level, table, block iterators). The child does not move until
  // this iterator does, so the bytes stay valid.
  Slice key() const override { return key_; }
  Slice value() const override { return children_[heap_[0]]->value(); }
  Status status() const override { return status_; }

 private:
  enum class Direction { kForward, kReverse };

  // Steps the top child in the current direction and restores the heap.
  void Advance(bool forward) {
    const size_t cur = heap_[0];
    Iterator* c = children_[cur].get();
    if (forward) {
      c->Next();
    } else {
      c->Prev();
    }
    if (c->Valid()) {
      SiftDown(0);
      CacheKey();
      return;
    }
    if (!c->status().ok() && status_.ok()) status_ = c->status();
    heap_[0] = heap_.back();
    heap_.pop_back();
    if (!heap_.empty()) SiftDown(0);
    CacheKey();
  }

  void CacheKey() { key_ = heap_.empty() ? Slice() : children_[heap_[0]]->key(); }

  // True when child a should be above child b in the heap.
  bool Before(size_t a, size_t b) const {
    int r = compare_(children_[a]->key(), children_[b]->key());
    if (r == 0) return a < b;
    return direction_ == Direction::kForward ? r < 0 : r > 0;
  }

  void Rebuild(Direction direction) {
    direction_ = direction;
    status_ = Status::OK();
    heap_.clear();
    for (size_t i = 0; i < children_.size(); ++i) {
      if (children_[i]->Valid()) {
        heap_.push_back(i);
      } else if (!children_[i]->status().ok() && status_.ok()) {
        status_ = children_[i]->status();
      }
    }
    for (size_t i = heap_.size() / 2; i-- > 0;) SiftDown(i);
    CacheKey();
  }

  void SiftDown(size_t pos) {
    const size_t n = heap_.size();
    const size_t item = heap_[pos];
    while (true) {
      size_t child = 2 * pos + 1;
      if (child >= n) break;
      if (child + 1 < n && Before(heap_[child + 1], heap_[child])) ++child;
      if (!Before(heap_[child], item)) break;
      heap_[pos] = heap_[child];
      pos = child;
    }
    heap_[pos] = item;
  }

  std::vector<std::unique_ptr<Iterator>> children_;
  Slice key_;  // the top child's key (see key())
  KeyComparator compare_;
  std::vector<size_t> heap_;
  Direction direction_ = Direction::kForward;
  Status status_;
};

}  // namespace

std::unique_ptr<Iterator> NewMergingIterator(std::vector<std::unique_ptr<Iterator>> children,
                                             KeyComparator compare) {
  if (children.empty()) return std::make_unique<EmptyIterator>();
  if (children.size() == 1) return std::move(children[0]);
  return std::make_unique<MergingIterator>(std::move(children), compare);
}

}  // namespace strata::storage
